/**
 * BENCHMARKS.md from a run's results: one function per section, each returning its lines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BENCH, CONCURRENCY, CONFIG, QUICK } from './config.mjs';
import { fmt, mark, table } from './format.mjs';
import { themeSection } from './report-theme.mjs';
import { verdicts } from './verdicts.mjs';

/**
 * The whole report.
 * @param {Object} results What a run measured (as bench.mjs writes it to results.json).
 */
export function renderReport( results ) {
	// The run's own settings, also when `bench.mjs report` writes the report again later.
	const config = results.config ?? CONFIG;
	const quick = results.quick ?? QUICK;
	return [
		...summarySection( results, quick ),
		...machineSection( results ),
		...methodSection( config ),
		'## Results',
		'',
		...Object.entries( results.themes ).flatMap( ( [ theme, t ] ) =>
			themeSection( theme, t )
		),
		...renderCostSection( results.render ),
		...scriptSizesSection( results.bundles ),
		...notesSection(),
		...howToRunSection(),
	].join( '\n' );
}

function summarySection( results, quick ) {
	return [
		'# Benchmarks',
		'',
		`Written by \`npm run bench\` (bin/bench/bench.mjs) on ${
			results.date
		}, measuring **WordPress ${ results.machine.wordpress }**${
			quick ? ' in **quick mode (too few samples to publish)**' : ''
		}; run it again rather than editing this file. The question: what does the Ticket Center block cost a site, next to the same page without it and next to the page template Helpdesky's WordPress guide recommends?`,
		'',
		'## Summary',
		'',
		table(
			[ 'Measure', 'Target', 'Result', '' ],
			verdicts( results ).map( ( [ a, b, c, ok, noisy ] ) => [
				a,
				b,
				c,
				mark( ok, noisy ),
			] )
		),
		'',
		"Response-time ratios are paired: in every round the two pages were requested within a fraction of a second of each other, the ratio is taken round by round, and the result is the geometric mean of those per-round ratios. The 95% interval comes from 2,000 bootstrap resamples of the rounds, so it shows how much the run's own noise allows the ratio to move; the noise floor row (the same page measured twice, nothing differs) shows how far a ratio strays from 1 on this machine in this run. A response-time row is flagged as a noisy run when its own interval is wider than ±2%, or when the noise floor misses 1 or is wider than ±2%.",
		'',
	];
}

function machineSection( results ) {
	const m = results.machine;
	return [
		'## Machine',
		'',
		table(
			[ 'Item', 'Value' ],
			[
				[
					'CPU',
					`${ m.cpu }, ${ m.cores } cores, ${ m.memoryGiB } GiB RAM`,
				],
				[ 'System', `${ m.os }, ${ m.kernel }` ],
				[
					'Stack',
					`WordPress ${ m.wordpress }, PHP ${ m.php } (PHP-FPM, OPcache ${ m.phpFpmOpcache }, 4 static workers), nginx ${ m.nginx }, MariaDB ${ m.mariadb }`,
				],
				[
					'Tools',
					`Node ${ m.node }, wrk ${ m.wrk }, Valgrind ${ m.valgrind }`,
				],
				[
					'Load average at start / end',
					`${ m.loadBefore.join( ' ' ) } / ${ m.loadAfter.join(
						' '
					) } (highest 1-minute load seen during the run: ${ m.highestLoad })`,
				],
				[ 'Duration of the run', `${ results.durationSeconds } s` ],
			]
		),
		'',
		"Everything runs on the same machine over loopback: client, nginx, PHP-FPM and MariaDB share the cores. Absolute numbers are this machine's; the ratios are the result.",
		'',
	];
}

function methodSection( config ) {
	return [
		'## Method',
		'',
		"- **Site.** `bin/e2e-stack.sh` starts a production-like WordPress (nginx + PHP-FPM with OPcache + MariaDB) in a run folder, port and database of the bench's own; the bench then turns `WP_DEBUG` off, removes the e2e stand-in for helpdesky.io (the block prints the real script URL) and adds `bin/bench/fixtures`. `bin/bench/site-setup.php` creates 50 subscribers (mixed-case emails, as typed) with logged-in cookies made from real session tokens, and four pages titled \"Support\": the block alone, a paragraph instead of the block, an empty page using `page-support-guide.php`, the template from Helpdesky's WordPress guide copied verbatim into the classic test theme (one `hash_hmac` in a theme file), and an empty page using `page-support-block.php`, the same template (same `get_header()`, `<main class=\"support-page\"><h1>Support</h1>`, `get_footer()`) printing the block with `echo do_blocks( '<!-- wp:helpdesky/ticket-center /-->' )` as the README tells classic theme developers. The guide page is measured with the plugin off, as a site following the guide would run; the block template with the plugin on, declared with `add_theme_support( 'helpdesky-block-templates', … )` as the README says (in the bench mu-plugin, as a theme's `functions.php` would). Without it the plugin would notice a late render and hold every classic page in a buffer from then on; the bench fails if its memory of that (`helpdesky_block_late_render_seen`) exists after any phase.",
		'- **Plugin on/off per request.** A bench mu-plugin removes the plugin from `active_plugins` for requests that carry `X-Helpdesky-Bench-Plugin: off`, so plugin-on and plugin-off requests can alternate on one site. The filter runs in both cases.',
		`- **Response time.** Full response time, request sent to last byte (not time to first byte: a classic theme flushes its head before the content renders), one keep-alive connection, logged in as a subscriber, rotating through the 50 users. Each round requests every case once in a shuffled order; ${ config.latencyWarmup } warm-up rounds are dropped, ${ config.latencyRounds } rounds are kept. A ratio is paired: for each round, the case's time divided by the reference's time in that same round, and the geometric mean of those ${ config.latencyRounds } ratios (its 95% interval from 2,000 bootstrap resamples of whole rounds, seeded). Pairing is what makes a 1% difference measurable on a shared machine: drift (other work, CPU frequency, a busy database) lasts seconds to minutes, so it slows both requests of a round alike and cancels in their ratio, whereas two medians taken over several minutes each carry their own share of it. As a control, every round also requests the paragraph page a second time ("Same paragraph page again (noise floor)"): its ratio to the paragraph page should be 1, and how far it strays is the run's noise floor. Every response is checked (status 200, the signed embed with the user's normalized email on the Support page and on the block template, no embed on the paragraph page).`,
		'- **Queries, bytes, assets.** Separate requests with `X-Helpdesky-Bench-Report` turn on `SAVEQUERIES` (never during timed requests) and write the query log; pages without the block (the paragraph page, the posts page, a post, a page) are fetched with the plugin on and off, as a subscriber and as a visitor, and compared byte for byte; asset tags are `<script>` and `<link>` tags.',
		`- **The plugin's own time.** In the same report requests the mu-plugin wraps each callback the plugin hooked and times it with \`hrtime\`, and times the \`include\` of the plugin's main file (${ config.reportSamples } requests after 2 warm-up, median). It first initializes WordPress's script and style registries, which every page initializes anyway, so the plugin's \`init\` callback is not charged for them.`,
		`- **Instructions per request.** A second PHP-FPM pool (one worker, same site, own nginx port) runs under Valgrind's Callgrind, which writes a dump at the end of every request (\`--dump-after=php_request_shutdown\`): the exact instruction count of each request on a warm worker, as in production (OPcache, PCRE and realpath caches filled by earlier requests). Counts hardly move when other work shares the machine, unlike clocks. ${ config.callgrindWarmup } warm-up rounds, then ${ config.callgrindRounds } rounds, cases shuffled in each.`,
		`- **Render cost.** \`bin/bench/render-cost.php\` loads the bench site's \`wp-load.php\` and calls \`render_block()\` on the parsed block ${ config.renderBatches } × ${ config.renderBatchSize } times per case, cases alternating batch by batch, OPcache on. Before each render it forgets the plugin's once-per-request state (its private request flags, \`reset_request_flags()\`, and the counts of its public actions), so every render pays what a page pays once: the cache opt-out and its headers, the instance claim, the signature.`,
		'- **Script size.** `build/` as `npm run build` writes it, gzip level 9; WordPress packages are externals (`index.asset.php`), not in the file. `tests/js/bundle-size.test.ts`, part of `npm test`, fails when a budget is exceeded.',
		`- **Throughput.** \`wrk\` with ${ CONCURRENCY } connections, one client thread; \`bin/bench/wrk-users.lua\` gives each request the next subscriber's cookie, so the ${ CONCURRENCY } requests in flight belong to different users. Cases alternate in ${ config.throughputSlot } s slots (A B C, C B A, …), ${ config.throughputSlots } slots each after a 3 s warm-up per case; the ratio to the paragraph page is the geometric mean of the ratios of slots that ran next to each other, with a 95% interval from resampling those pairs. Any non-2xx answer or socket error fails the run.`,
		'',
	];
}

const renderLabels = {
	block_subscriber: 'Ticket Center block, subscriber (signed embed)',
	block_visitor: 'Ticket Center block, visitor (login prompt)',
	paragraph_subscriber: 'Paragraph block',
	guide_subscriber: "The guide template's code (hash_hmac + echo)",
};

function renderCostSection( render ) {
	const r = render.summary;
	return [
		'### Render cost inside WordPress (µs per render)',
		'',
		table(
			[ 'Case', 'Median', 'p25–p75', 'Queries per render' ],
			Object.entries( renderLabels ).map( ( [ key, label ] ) => [
				label,
				fmt( r[ key ].median, 1 ),
				`${ fmt( r[ key ].p25, 1 ) }–${ fmt( r[ key ].p75, 1 ) }`,
				fmt(
					render.queries[ key ] /
						( render.batches * render.batch_size ),
					0
				),
			] )
		),
		'',
		`${ render.batches } batches of ${ render.batch_size } renders per case, OPcache ${
			render.opcache ? 'on' : 'off'
		}. Queries on the first render of each case: ${ Object.entries(
			render.first_queries
		)
			.map( ( [ k, v ] ) => `${ k } ${ v }` )
			.join( ', ' ) }.`,
		'',
	];
}

function scriptSizesSection( bundles ) {
	return [
		'### Script sizes (bytes)',
		'',
		table(
			[ 'File', 'Raw', 'gzip -9', 'Brotli' ],
			Object.entries( bundles )
				.filter( ( [ file ] ) => file !== 'externals' )
				.map( ( [ file, s ] ) => [
					`build/ticket-center/${ file }`,
					s.raw,
					s.gzip,
					s.brotli,
				] )
		),
		'',
		`Externals (provided by WordPress, not counted): ${ bundles.externals
			.map( ( e ) => `\`${ e }\`` )
			.join(
				', '
			) }. \`view.js\` loads only on pages with a cache-proof Ticket Center; the editor files only in the editor.`,
		'',
	];
}

/** bin/bench/NOTES.md, the hand-written notes on the results, when there are any. */
function notesSection() {
	const notes = path.join( BENCH, 'NOTES.md' );
	return fs.existsSync( notes )
		? [ fs.readFileSync( notes, 'utf8' ).trim(), '' ]
		: [];
}

function howToRunSection() {
	return [
		'## How to run',
		'',
		'```sh',
		'npm run bench                           # WordPress 7.1, about 9 minutes on 2 cores; writes BENCHMARKS.md',
		'HELPDESKY_WP_VERSION=6.8 npm run bench  # the same on WordPress 6.8',
		'HELPDESKY_BENCH_QUICK=1 npm run bench   # a smoke run of the harness, about 3 minutes',
		"node bin/bench/bench.mjs report         # this file again from the last run's results",
		'node bin/bench/bench.mjs site           # only start and fill the bench site, and leave it running',
		"node bin/bench/bench.mjs instructions   # then the Callgrind rows only, the checkout's plugin copied in (a minute or two)",
		'```',
		'',
		'It needs what `npm test` needs (the Debian packages `.ci/run` installs) plus `wrk` and `valgrind`, which it installs with apt-get when missing and run as root. It builds the plugin, starts its own site for the WordPress version in `HELPDESKY_WP_VERSION` (7.1 unless told otherwise) on port 8897 for 7.1 or 8899 for 6.8 (`HELPDESKY_BENCH_PORT`; the Callgrind pool takes the next port) in `.cache/bench-<version>/`, keeps its results in `.cache/bench/<version>/`, and stops the site at the end (`HELPDESKY_BENCH_KEEP=1` keeps it). The MariaDB server is shared with the test suite and left running. Close other heavy work first: the cases are interleaved so that noise hits them alike, but noise still widens the intervals.',
		'',
	];
}
