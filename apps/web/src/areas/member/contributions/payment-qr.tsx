import QRCode from 'qrcode';
import { useMemo } from 'react';

const QUIET = 4;

/**
 * The payment QR code of a ГОСТ Р 56042-2014 payload, drawn as SVG elements by React: no
 * markup strings, so nothing touches `innerHTML` (Trusted Types, CSP; ADR 002/009). Medium
 * error correction, a quiet zone of four modules, black on white in either colour scheme.
 */
export function PaymentQr({
  payload,
  label,
  size,
}: {
  payload: string;
  /** The accessible name; without one the code is decorative (the printed receipt's copy). */
  label?: string;
  size: number;
}) {
  const { path, width } = useMemo(() => {
    const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
    const cells: string[] = [];
    for (let row = 0; row < modules.size; row++) {
      for (let column = 0; column < modules.size; column++) {
        if (modules.get(row, column)) cells.push(`M${column + QUIET} ${row + QUIET}h1v1h-1z`);
      }
    }
    return { path: cells.join(''), width: modules.size + QUIET * 2 };
  }, [payload]);
  return (
    <svg
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
      data-testid="payment-qr"
      width={size}
      height={size}
      viewBox={`0 0 ${width} ${width}`}
      shapeRendering="crispEdges"
    >
      <rect width={width} height={width} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
