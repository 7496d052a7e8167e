import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblem('correct horse battery staple', 'a@example.com')).toBeNull();
  });

  it.each([
    ['        ', /only spaces/],
    ['short', /8 to 128/],
    ['x'.repeat(129), /8 to 128/],
    ['aaaaaaaaaa', /4 different/],
    ['ababababab', /4 different/],
    ['Password123', /most common/],
    ['QWERTYUIOP', /most common/],
    ['oncall.alice@example.com', /email/],
    ['oncall.alice', /email/],
  ])('refuses %j', (pw, why) => {
    expect(passwordProblem(pw, 'Oncall.Alice@example.com')).toMatch(why);
  });
});
