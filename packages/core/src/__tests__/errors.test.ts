import { InputError, parseJsonFile } from '../errors';

describe('parseJsonFile: one line naming the file and where the JSON breaks', () => {
  it.each([
    ['not json', 'line 1, column 2'],
    ['{"a":1,}', 'line 1, column 8'],
    ['{\n  "a": tru}', 'line 2, column 11'],
    ['{"a":1} x', 'line 1, column 9'],
    ['[1,2', 'line 1, column 5 (end of input)'],
    ['', 'line 1, column 1 (end of input)'],
  ])('%j -> %s', (text, where) => {
    let error: unknown;
    try {
      parseJsonFile('plan.json', text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toContain(`plan.json: malformed JSON at ${where}:`);
    expect(message).not.toContain('\n'); // the input itself is never echoed
  });

  it('returns the parsed document of valid JSON', () => {
    expect(parseJsonFile('x.json', '{"a":[1,true,null,"s\\n"]}')).toEqual({ a: [1, true, null, 's\n'] });
  });
});
