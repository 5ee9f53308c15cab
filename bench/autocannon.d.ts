// The part of autocannon's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
	interface Request {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string;
	}
	interface Options {
		url: string;
		connections?: number;
		duration?: number;
		requests?: { method?: string; setupRequest?: (request: Request) => Request }[];
	}
	interface Result {
		requests: { average: number };
		latency: { p50: number; p99: number };
		'2xx': number;
		non2xx: number;
		errors: number;
		timeouts: number;
	}
	function autocannon(options: Options): Promise<Result>;
	namespace autocannon {
		export type { Options, Request, Result };
	}
	export default autocannon;
}
