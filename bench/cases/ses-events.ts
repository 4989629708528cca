// Issue 17 benchmark: ingesting 10,000 SNS notifications (signature checked, replay id spent, mail status recorded)
// against verifying the same signatures alone, in the same process.
import { makeTestApp } from '../../test/helpers/app.ts';
import { delivery, startSnsStandIn, TOPIC_ARN } from '../../test/helpers/sns.ts';
import { createSnsVerifier } from '../../src/core/mail-events/verify-sns-signature.ts';
import { ingestSnsMessage } from '../../src/core/mail-events/ingest-sns-message.ts';
import { snsStringToSign, type SnsMessage } from '../../src/core/mail-events/sns-message.ts';
import { result, type BenchCase } from '../harness.ts';

const NOTIFICATIONS = 10_000;
const CONCURRENCY = 16;

/** Runs `fn` over every item with `CONCURRENCY` in flight; returns items per second. */
async function rateOver<T>(items: T[], fn: (item: T) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
  return items.length / ((performance.now() - start) / 1000);
}

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
      const verifyOnly = await rateOver(signed, async (m) => {
        const ok = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, Buffer.from(m.Signature, 'base64'), new TextEncoder().encode(snsStringToSign(m)));
        if (!ok) throw new Error('bench signature did not verify');
      });
      const t = await makeTestApp({ CUTOVER_SES_EVENTS_TOPIC_ARNS: TOPIC_ARN, CUTOVER_SNS_CERT_HOSTS: sns.origin });
      const verifier = createSnsVerifier({ allowedOrigins: t.deps.config.sesEvents.certHosts });
      const ingest = await rateOver(signed, (m) => ingestSnsMessage(t.deps, verifier, m));
      const recorded = await t.deps.stores.mailEvents.statusOf(`bench-${NOTIFICATIONS - 1}`);
      if (recorded?.status !== 'delivered') throw new Error('the last notification was not recorded');
      return [result(`${NOTIFICATIONS} SNS notifications ingested (verified, recorded) vs verified alone`, ingest, 'msg/s', verifyOnly, '>= 0.5')];
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
