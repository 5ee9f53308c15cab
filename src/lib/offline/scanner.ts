// Reads QR codes from the camera: the browser's own BarcodeDetector where it has one (Android
// Chrome), else the barcode-detector ponyfill, whose ZXing WebAssembly is served by the app itself
// (and precached), never fetched from a CDN: the scanner must work with no signal.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

export interface QrDetector {
	detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]>;
}

interface DetectorConstructor {
	new (options: { formats: string[] }): QrDetector;
	getSupportedFormats(): Promise<string[]>;
}

export async function qrDetector(): Promise<QrDetector> {
	const native = (globalThis as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector;
	if (native && (await native.getSupportedFormats()).includes('qr_code')) {
		return new native({ formats: ['qr_code'] });
	}
	const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
	prepareZXingModule({
		overrides: {
			locateFile: (path: string, prefix: string) =>
				path.endsWith('.wasm') ? new URL(wasmUrl, location.href).href : prefix + path
		}
	});
	return new BarcodeDetector({ formats: ['qr_code'] });
}
