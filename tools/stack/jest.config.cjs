module.exports = { displayName: 'stack', preset: '../../jest.preset.cjs', testTimeout: 300000 };
