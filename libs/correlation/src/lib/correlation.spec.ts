import { correlation } from './correlation';

describe('correlation', () => {
  it('should work', () => {
    expect(correlation()).toEqual('correlation');
  });
});
