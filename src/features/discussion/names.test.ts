import { describe, expect, it } from 'vitest';
import { checkGuestName, imitatedStaffName, nameSkeleton } from './names.js';

describe('checkGuestName', () => {
  it('trims and collapses spaces', () => {
    expect(checkGuestName('  Olena   K. ')).toEqual({ name: 'Olena K.' });
  });

  it.each([
    ['', 'missing'],
    ['   ', 'missing'],
    ['x'.repeat(51), 'tooLong'],
    ['Mira\u200BCastell', 'invisible'],
    ['\u202ElletsaC ariM', 'invisible'],
    ['Mira\u2066 Castell', 'invisible'],
    ['\uFEFFMira', 'invisible'],
    ['Mira\u200D', 'invisible'],
    ['Mira\u0007', 'control'],
  ])('refuses %j (%s)', (raw, problem) => {
    expect(checkGuestName(raw)).toEqual({ problem });
  });

  it('accepts names in any script, up to 50 characters', () => {
    expect(checkGuestName('Олена Коваль')).toEqual({ name: 'Олена Коваль' });
    expect(checkGuestName('ا'.repeat(50))).toEqual({ name: 'ا'.repeat(50) });
  });
});

describe('imitatedStaffName', () => {
  const staff = ['Mira Castell', 'Jon Ode'];

  it.each(['Mira Castell', 'mira castell', 'MIRA  CASTELL', 'MiraCastell', 'Mira_Castell', 'Mirá Castéll', 'Мira Саstell', 'M1ra Caste11', 'Mlra Castell', 'Ｍｉｒａ Ｃａｓｔｅｌｌ', 'Mira Castell (editor)', 'Jon Ode', 'j.o.n o.d.e'])(
    'catches %j',
    (name) => {
      expect(imitatedStaffName(name, staff)).not.toBeNull();
    },
  );

  it.each(['Mira', 'Castell', 'Jon', 'Jonathan Oder', 'Miranda Castle', 'Olena'])('lets %j through', (name) => {
    expect(imitatedStaffName(name, staff)).toBeNull();
  });

  it('builds skeletons', () => {
    expect(nameSkeleton('Mira Castell')).toBe('mlracastell');
    expect(nameSkeleton('rn')).toBe('m');
  });
});
