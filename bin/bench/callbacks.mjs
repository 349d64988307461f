/**
 * The plugin's own time inside PHP-FPM, as the bench mu-plugin times it: the include of its files
 * and each callback it hooked; and the peak memory of a request with the plugin on and off.
 */
import { CONFIG } from './config.mjs';
import { fetchPage, readReport } from './http.mjs';
import { median, summary } from './stats.mjs';

/**
 * The plugin's own time inside PHP-FPM: the load of its files and each hooked callback.
 * @param {Object} cases casesFor()'s answer.
 * @param {Object} site  What site-setup.php made.
 */
export async function measureCallbacks( cases, site ) {
	const result = {};
	for ( const name of [ 'paragraph', 'block' ] ) {
		result[ name ] = await callbacksOf( cases[ name ], name, site );
	}
	// Peak memory with the plugin off, for the memory the plugin adds.
	const offPeak = [];
	for ( let i = 0; i < CONFIG.reportSamples; i++ ) {
		await fetchPage( cases.paragraph.path, {
			cookie: site.cookies[ i % site.cookies.length ],
			plugin: 'off',
			report: `cb-off-${ i }`,
		} );
		offPeak.push( readReport( `cb-off-${ i }` ).peak_memory );
	}
	result.peakMemoryOff = median( offPeak );
	return result;
}

/**
 * Load time, callback times and peak memory of one case, after two warm-up requests.
 * @param {Object} kase The case (casesFor()).
 * @param {string} name Its name, for the report ids.
 * @param {Object} site What site-setup.php made.
 */
async function callbacksOf( kase, name, site ) {
	const load = [];
	const callbacks = {};
	const peak = [];
	for ( let i = 0; i < CONFIG.reportSamples + 2; i++ ) {
		const id = `cb-${ name }-${ i }`;
		await fetchPage( kase.path, {
			cookie: site.cookies[ i % site.cookies.length ],
			plugin: 'on',
			report: id,
		} );
		const report = readReport( id );
		if ( i < 2 ) {
			continue; // Warm-up.
		}
		load.push( report.plugin_load_ns / 1000 );
		peak.push( report.peak_memory );
		for ( const [ label, ns ] of Object.entries( report.callbacks_ns ) ) {
			( callbacks[ label ] ??= [] ).push( ns / 1000 );
		}
	}
	return {
		label: kase.label,
		load: summary( load ),
		callbacks: Object.fromEntries(
			Object.entries( callbacks ).map( ( [ label, values ] ) => [
				label,
				summary( values ),
			] )
		),
		peakMemory: median( peak ),
	};
}
