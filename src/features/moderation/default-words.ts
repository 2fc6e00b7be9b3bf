/**
 * The suspect words a new site starts with (held for review, never rejected): insults aimed at
 * people and the threats that heated discussions bring, in English. obscenity's English dataset
 * (profanity and slurs) is matched too, unless an admin turns it off. Admins edit this list in
 * /admin/moderation/settings; phrases of several words are matched word by word.
 */
export const defaultSuspectWords: readonly string[] = [
  'idiot',
  'moron',
  'imbecile',
  'cretin',
  'dimwit',
  'halfwit',
  'nitwit',
  'dumbass',
  'jackass',
  'scum',
  'scumbag',
  'crap',
  'bullcrap',
  'loser',
  'subhuman',
  'vermin',
  'parasite',
  'cockroach',
  'douchebag',
  'tosser',
  'pillock',
  'kys',
  'kill yourself',
  'go die',
  'die in a fire',
  'hope you die',
];
