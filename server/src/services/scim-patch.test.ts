import { describe, expect, it } from 'vitest';
import { applyPatch, CORE_GROUP, CORE_USER, ENTERPRISE_USER, parseFilterEq, ScimPatchError, scimBool } from './scim-patch.ts';

const user = {
  schemas: [CORE_USER],
  userName: 'ana@acme.test',
  name: { givenName: 'Ana', familyName: 'Silva' },
  emails: [{ value: 'ana@acme.test', type: 'work', primary: true }],
  active: true,
};

describe('applyPatch', () => {
  it("applies Okta's replace without a path", () => {
    const out = applyPatch(user, [{ op: 'replace', value: { active: false } }], CORE_USER);
    expect(out.active).toBe(false);
    expect(user.active).toBe(true);
  });

  it("applies Entra's capitalised ops, filtered and extension paths", () => {
    const out = applyPatch(
      user,
      [
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ana.silva@acme.test' },
        { op: 'Add', path: 'name.familyName', value: 'Silva Santos' },
        { op: 'Add', path: `${ENTERPRISE_USER}:department`, value: 'Finance' },
        { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
      ],
      CORE_USER,
    );
    expect(scimBool(out.active)).toBe(false);
    expect(out.emails).toEqual([{ value: 'ana.silva@acme.test', type: 'work', primary: true }]);
    expect(out.name).toEqual({ givenName: 'Ana', familyName: 'Silva Santos' });
    expect(out[ENTERPRISE_USER]).toEqual({ department: 'Finance' });
    expect(out.phoneNumbers).toEqual([{ type: 'mobile', value: '+1 555 0100' }]);
  });

  it('takes a value object with dotted and URN keys', () => {
    const out = applyPatch(
      user,
      [{ op: 'replace', value: { 'name.givenName': 'Anna', displayName: 'Anna Silva', [ENTERPRISE_USER]: { department: 'R&D' } } }],
      CORE_USER,
    );
    expect(out).toMatchObject({ name: { givenName: 'Anna' }, displayName: 'Anna Silva', [ENTERPRISE_USER]: { department: 'R&D' } });
  });

  it('adds and removes group members as Okta and Entra send them', () => {
    const group = { schemas: [CORE_GROUP], displayName: 'Finance', members: [{ value: 'a' }, { value: 'b' }] };
    const added = applyPatch(group, [{ op: 'Add', path: 'members', value: [{ value: 'c' }, { value: 'a' }] }], CORE_GROUP);
    expect(added.members).toEqual([{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
    const okta = applyPatch(added, [{ op: 'remove', path: 'members[value eq "b"]' }], CORE_GROUP);
    expect(okta.members).toEqual([{ value: 'a' }, { value: 'c' }]);
    const entra = applyPatch(okta, [{ op: 'Remove', path: 'members', value: [{ value: 'a' }] }], CORE_GROUP);
    expect(entra.members).toEqual([{ value: 'c' }]);
    const renamed = applyPatch(entra, [{ op: 'replace', value: { id: 'x', displayName: 'Finance EU' } }], CORE_GROUP);
    expect(renamed.displayName).toBe('Finance EU');
  });

  it('refuses unknown ops, bad paths and remove without a path', () => {
    expect(() => applyPatch(user, [{ op: 'move', path: 'active' }], CORE_USER)).toThrow(ScimPatchError);
    expect(() => applyPatch(user, [{ op: 'add', path: 'emails[type co "w"].value', value: 'x' }], CORE_USER)).toThrow(/filter/);
    expect(() => applyPatch(user, [{ op: 'add', path: 'a..b', value: 'x' }], CORE_USER)).toThrow(/path/);
    expect(() => applyPatch(user, [{ op: 'remove' }], CORE_USER)).toThrow(/path/);
  });
});

describe('parseFilterEq', () => {
  it('reads attr eq "value" and nothing else', () => {
    expect(parseFilterEq('userName eq "ana@acme.test"')).toEqual({ attr: 'userName', value: 'ana@acme.test' });
    expect(parseFilterEq('displayName EQ "R\\"D"')).toEqual({ attr: 'displayName', value: 'R"D' });
    expect(parseFilterEq('userName sw "a"')).toBeNull();
    expect(parseFilterEq('userName eq "a" or userName eq "b"')).toBeNull();
  });
});
