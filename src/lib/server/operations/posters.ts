// QR codes for printing: checkpoint posters carry a signed checkpoint link; zone cards carry the
// help page. Drawn as inline SVG on the server, so printing needs no script and no network.
import QRCode from 'qrcode';
import { checkpointLink } from './checkpoint-token';

export function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

export async function checkpointPosters(
	origin: string,
	checkpoints: {
		id: string;
		routeId: string;
		position: number;
		name: string;
		code: string;
		instructions: string | null;
	}[]
) {
	return Promise.all(
		checkpoints.map(async (checkpoint) => {
			const link = checkpointLink(origin, checkpoint);
			return { ...checkpoint, link, qr: await qrSvg(link) };
		})
	);
}
