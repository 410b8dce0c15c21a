import { createAnswerCache } from './answer-cache.js';

describe('createAnswerCache', () => {
  const state = { run: 'r1' };
  const rows = [{ window: 1 }];

  it('reuses an answer only while every input is the same object', () => {
    const answers = createAnswerCache<string>(10);
    let renders = 0;
    const render = () => `answer-${++renders}`;
    expect(answers('k', [state, rows], render)).toBe('answer-1');
    expect(answers('k', [state, rows], render)).toBe('answer-1');
    // Equal but not identical rows: a new read, rendered afresh.
    expect(answers('k', [state, [{ window: 1 }]], render)).toBe('answer-2');
    expect(answers('k', [{ run: 'r1' }, rows], render)).toBe('answer-3');
    expect(answers('other', [state, rows], render)).toBe('answer-4');
  });

  it('forgets the least recently used key beyond its bound, and renders every time at 0', () => {
    const answers = createAnswerCache<string>(1);
    answers('a', [state], () => 'a1');
    answers('b', [state], () => 'b1');
    expect(answers('a', [state], () => 'a2')).toBe('a2');
    const none = createAnswerCache<string>(0);
    none('a', [state], () => 'a1');
    expect(none('a', [state], () => 'a2')).toBe('a2');
  });
});
