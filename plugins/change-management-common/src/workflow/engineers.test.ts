import { engineerScope, isEngineerFor } from './engineers';

const alice = ['user:default/alice', 'group:default/payments'];
const payments = ['group:default/payments'];
const platform = ['group:default/platform'];

describe('engineerScope and isEngineerFor', () => {
  it('makes everyone an engineer by default', () => {
    const scope = engineerScope(alice, { exclude: [], ownersOnly: false });
    expect(scope).toBe('any');
    expect(isEngineerFor(scope, platform)).toBe(true);
  });

  it('makes nobody an engineer whose user or group is excluded', () => {
    for (const excluded of alice) {
      const scope = engineerScope(alice, {
        exclude: [excluded],
        ownersOnly: true,
      });
      expect(isEngineerFor(scope, payments)).toBe(false);
    }
  });

  it('with ownersOnly, needs one affected entity owned by one of their refs', () => {
    const scope = engineerScope(alice, { exclude: [], ownersOnly: true });
    expect(isEngineerFor(scope, payments)).toBe(true);
    expect(isEngineerFor(scope, [...platform, ...payments])).toBe(true);
    expect(isEngineerFor(scope, platform)).toBe(false);
    expect(isEngineerFor(scope, [undefined])).toBe(false);
  });
});
