/** Minor units as a decimal of major units (two digits), exactly: 123456 → "1234.56". */
export function majorUnits(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = BigInt(Math.abs(minor));
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
