/**
 * Colours that keep 4.5:1 with white text and as text on white (WCAG AA): Mantine's red at
 * the theme's shade 7 does not, nor does any of its greens; red 9 and teal 9 do.
 */
export const DANGER = 'red.9';
export const SUCCESS = 'teal.9';
