module.exports = { displayName: 'migrations', preset: '../../jest.preset.cjs' };
