// Child process of the benches: one server on a free loopback port, its URL printed as the first
// line of stdout. Modes: `emulator [seed]` (the reference emulator, emulator/server.ts), `adapter`
// (the emulator's HTTP layer, emulator/server.ts on transports/node-http.ts, over a core answering
// $BENCH_BODY at once, or after $BENCH_CORE_US µs of busy CPU: the HTTP layer's own cost) and `fixed`
// (a bare node:http server answering every request with $BENCH_BODY, status 200: the floor).
//   node --import tsx bench/servers.ts emulator|fixed
import { createServer } from 'node:http';
import { kit } from './code.ts';

// the emulator as it ships (dist/, compiled by tsc) unless BENCH_CODE=src: tsx's transform of the
// sources adds work of its own (a __name call per named function), which the shipped CLI never runs
const { startServer } = await kit<typeof import('../emulator/index.ts')>('emulator/index');
const { listenFetch } = await kit<typeof import('../emulator/server.ts')>('emulator/server');

const mode = process.argv[2];
/** how this server's lines name it (BENCH_NAME, when a bench starts two of one mode) */
const name = process.env.BENCH_NAME || `${mode} server`;
// BENCH_GC=1: the garbage collections this process made (count and main-thread pause by kind), printed to stderr when the bench stops it, and each full collection as it ends
if (process.env.BENCH_GC === '1') {
  const { PerformanceObserver, constants } = await import('node:perf_hooks');
  const kinds: Record<number, string> = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks' };
  const seen = new Map<string, { n: number; ms: number }>();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = kinds[((e as unknown as { detail: { kind: number } }).detail).kind] ?? 'other';
      const s = seen.get(kind) ?? { n: 0, ms: 0 };
      s.n++;
      // when each full collection came (epoch ms, as throughput.ts prints its tenths' starts), and the heap it left
      if (kind === 'mark-compact') process.stderr.write(`${name}: full collection at ${(performance.timeOrigin + e.startTime).toFixed(0)}, ${e.duration.toFixed(1)} ms pause, heap after ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB\n`);
      s.ms += e.duration;
      seen.set(kind, s);
    }
  }).observe({ entryTypes: ['gc'] });
  process.once('exit', () => {
    process.stderr.write(`${name} GC: ${[...seen].map(([k, s]) => `${k} ${s.n}× ${s.ms.toFixed(0)} ms`).join(', ')}; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB\n`);
  });
  // (with BENCH_CPU_PROF the profile's own SIGTERM handler exits once the profile is written)
  if (!process.env.BENCH_CPU_PROF) process.once('SIGTERM', () => process.exit(0));
}
// the bench asks for this process's CPU time over IPC (cost per request, whatever the machine's load)
process.on('message', (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
process.channel?.unref();
// BENCH_CPU_PROF=<file.cpuprofile>: this process's CPU profile (modes emulator and adapter), written when the bench stops it
// (node refuses --cpu-prof in NODE_OPTIONS, and the bench starts this process itself)
const profileTo = process.env.BENCH_CPU_PROF;
if (profileTo && (mode === 'emulator' || mode === 'adapter')) {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  process.once('SIGTERM', () => {
    void session.post('Profiler.stop').then(({ profile }) => {
      writeFileSync(profileTo, JSON.stringify(profile));
      process.exit(0);
    });
  });
}
if (mode === 'emulator') {
  const server = await startServer({ port: 0, host: '127.0.0.1', seed: Number(process.argv[3] ?? 1) });
  process.stdout.write(`${server.url}\n`);
} else if (mode === 'adapter') {
  // the emulator's HTTP layer over a core that answers $BENCH_BODY at once: what the adapter costs
  // BENCH_CORE_US: the stand-in core first keeps the CPU busy this long (µs), as a real core would
  const body = process.env.BENCH_BODY ?? '';
  const coreMs = Number(process.env.BENCH_CORE_US ?? 0) / 1000;
  const busy = (): void => {
    const until = performance.now() + coreMs;
    while (performance.now() < until);
  };
  const layer = await listenFetch(() => ({
    handle: async () => new Response(body, { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' } }),
    handleApi: async () => {
      if (coreMs > 0) busy();
      return { answer: { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8', date: new Date().toUTCString() }, body } };
    },
  }), { port: 0, host: '127.0.0.1' });
  process.stdout.write(`${layer.url}\n`);
} else if (mode === 'fixed') {
  const body = process.env.BENCH_BODY ?? '';
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body));
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    process.stdout.write(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/\n`);
  });
} else {
  process.stderr.write('usage: servers.ts emulator [seed] | adapter | fixed\n');
  process.exit(2);
}
