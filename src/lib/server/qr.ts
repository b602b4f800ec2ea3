import QRCode from 'qrcode';

/**
 * The booking QR as inline SVG (a viewBox and no fixed size, so CSS sizes it). Level M still
 * scans from a cracked or dim phone screen; the default margin is the quiet zone the QR
 * standard asks for.
 */
export function drawQrSvg(text: string): Promise<string> {
	return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M' });
}
