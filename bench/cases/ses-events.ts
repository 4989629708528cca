// Issue 17 benchmark: ingesting 10,000 SNS notifications (signature checked, replay id spent, mail status recorded)
// against verifying the same signatures alone, in the same process.
import { makeTestApp } from '../../test/helpers/app.ts';
import { delivery, startSnsStandIn, TOPIC_ARN } from '../../test/helpers/sns.ts';
import { createSnsVerifier } from '../../src/core/mail-events/verify-sns-signature.ts';
import { ingestSnsMessage } from '../../src/core/mail-events/ingest-sns-message.ts';
import { snsStringToSign, type SnsMessage } from '../../src/core/mail-events/sns-message.ts';
import { cpuSecondsOf } from '../proc-cpu.ts';
import { best, cpuMs, inRounds, median, rates, ratios, result, type BenchCase, type Measured } from '../harness.ts';

const NOTIFICATIONS = 10_000;
const CONCURRENCY = 16;
/** Rounds, each side once a round in alternating order: the first round also warms up both paths. */
const ROUNDS = 3;

/**
 * Runs `fn` over every item with `CONCURRENCY` in flight: items per second, and the process's CPU (every thread: the
 * event loop and the thread pool that checks signatures) per item, the steadier witness on a shared machine.
 */
async function rateOver<T>(items: T[], fn: (item: T) => Promise<unknown>): Promise<Measured & { loopMsPerOp: number }> {
  let next = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const loop = eventLoopCpuMs();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
  const used = process.cpuUsage(cpu);
  return {
    perSecond: items.length / ((performance.now() - start) / 1000), cpuMsPerOp: (used.user + used.system) / 1000 / items.length,
    loopMsPerOp: (eventLoopCpuMs() - loop) / items.length,
  };
}

/**
 * CPU time of this process's main thread (the event loop), ms. Signatures are checked on the thread pool; everything
 * else ingestion does runs here, so this is what bounds its rate.
 */
const eventLoopCpuMs = () => cpuSecondsOf(process.pid, process.pid) * 1000;

export const sesEvents: BenchCase = {
  name: 'ses events',
  async run() {
    const sns = await startSnsStandIn();
    try {
      const signed: SnsMessage[] = [];
      for (let i = 0; i < NOTIFICATIONS; i += 500) {
        signed.push(...await Promise.all(Array.from({ length: Math.min(500, NOTIFICATIONS - i) }, (_, j) =>
          sns.sesEvent(delivery(`bench-${i + j}`, `p${i + j}@example.com`)) as Promise<unknown> as Promise<SnsMessage>)));
      }
      // The baseline: the same signatures, checked with the same certificate's key and nothing else.
      const pem = await (await fetch(sns.certUrl)).text();
      const probe = createSnsVerifier({ allowedOrigins: [sns.origin] });
      await probe.verify(signed[0]);
      const { key } = await keyOf(pem);
      const verifyOnly = () => rateOver(signed, async (m) => {
        const ok = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, Buffer.from(m.Signature, 'base64'), new TextEncoder().encode(snsStringToSign(m)));
        if (!ok) throw new Error('bench signature did not verify');
      });
      // Each round ingests into a fresh database: the same signed messages would otherwise be refused as replays.
      const ingest = async () => {
        const t = await makeTestApp({ CUTOVER_SES_EVENTS_TOPIC_ARNS: TOPIC_ARN, CUTOVER_SNS_CERT_HOSTS: sns.origin });
        const verifier = createSnsVerifier({ allowedOrigins: t.deps.config.sesEvents.certHosts });
        const rate = await rateOver(signed, (m) => ingestSnsMessage(t.deps, verifier, m));
        const recorded = await t.deps.stores.mailEvents.statusOf(`bench-${NOTIFICATIONS - 1}`);
        if (recorded?.status !== 'delivered') throw new Error('the last notification was not recorded');
        return rate;
      };
      const r = await inRounds(ROUNDS, { ingest, verifyOnly });
      return [
        result(`${NOTIFICATIONS} SNS notifications ingested (verified, recorded) vs verified alone`, best(r.ingest), 'msg/s', best(r.verifyOnly), '>= 0.5', ratios(rates(r.ingest), rates(r.verifyOnly))),
        // Not a target: CPU per notification (all threads), verifying alone over ingesting; 0.5 = ingest costs twice a check.
        result('CPU per SNS notification: verified alone vs ingested', 1000 / cpuMs(r.ingest), 'msg/cpu-s', 1000 / cpuMs(r.verifyOnly), ''),
        // Not a target: the event loop's CPU per notification (the median round), ingesting vs verifying alone.
        result('event-loop CPU per SNS notification: ingested vs verified alone', median(r.ingest.map((m) => m.loopMsPerOp)) * 1000, 'µs', median(r.verifyOnly.map((m) => m.loopMsPerOp)) * 1000, ''),
      ];
    } finally {
      await sns.close();
    }
  },
};

/** The certificate's public key, imported the way the verifier does (SignatureVersion 2, SHA-256). */
async function keyOf(pem: string): Promise<{ key: CryptoKey }> {
  const { AsnConvert } = await import('@peculiar/asn1-schema');
  const { Certificate } = await import('@peculiar/asn1-x509');
  const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64');
  const spki = AsnConvert.serialize(AsnConvert.parse(der, Certificate).tbsCertificate.subjectPublicKeyInfo);
  return { key: await crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']) };
}
