// Readable colours next to the brand colour: shared by the hosted pages and every mail template.

/** Black or white, whichever reads better on the brand colour (WCAG relative luminance). */
export function textOn(hex: string): string {
  const lin = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(1) + 0.7152 * lin(3) + 0.0722 * lin(5);
  return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? '#ffffff' : '#111111';
}

/** The brand colour as text on white, unless it is too light to read there: then near-black. */
export const brandTextOnWhite = (hex: string): string => (textOn(hex) === '#111111' ? '#1a1a1a' : hex);
