/** The wall's colours: Party red and gold on a deep background (each partner kind brings its own). */
export const palette = {
  red: '#e0393e',
  gold: '#f5c242',
  green: '#3fbf7f',
  blue: '#4aa3ff',
  text: '#f3e9d2',
  muted: 'rgba(243, 233, 210, 0.65)',
  line: 'rgba(243, 233, 210, 0.18)',
} as const;
