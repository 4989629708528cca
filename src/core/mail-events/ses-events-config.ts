// SPEC §13 configuration: the SNS topics whose SES events are accepted, the hosts signing certificates come from, and
// the secret an EventBridge API destination presents.

export const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_.-]{1,256}$/;

/**
 * Hosts a signing certificate (and a SubscribeURL) may come from: `host[:port]` means https; `http://host:port` is
 * allowed for loopback only (tests). By default `sns.<region>.amazonaws.com` of every configured topic's region.
 */
function snsCertHosts(value: string | undefined, topicArns: string[], region: string | undefined): string[] {
  if (!value) {
    const regions = new Set([...topicArns.map((a) => TOPIC_ARN.exec(a)![1]), ...(region ? [region] : [])]);
    return [...regions].map((r) => `https://sns.${r}.amazonaws.com`);
  }
  return value.split(',').map((s) => s.trim()).filter(Boolean).map((h) => {
    const text = h.includes('://') ? h : `https://${h}`;
    const url = URL.canParse(text) ? new URL(text) : null;
    const loopback = url && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (!url || url.pathname !== '/' || url.search || (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))) {
      throw new TypeError(`CUTOVER_SNS_CERT_HOSTS has "${h}": give host names (https), or http://127.0.0.1:PORT for tests`);
    }
    return url.origin;
  });
}

/** Throws a TypeError naming the variable; config.ts turns it into a ConfigError. */
export function parseSesEventsConfig(
  topics: string, certHosts: string | undefined, region: string | undefined, maxAgeSeconds: number, eventBridgeSecret?: string,
) {
  const topicArns = topics.split(',').map((s) => s.trim()).filter(Boolean);
  for (const arn of topicArns) {
    if (!TOPIC_ARN.test(arn)) throw new TypeError(`CUTOVER_SES_EVENTS_TOPIC_ARNS has an invalid SNS topic ARN "${arn}"`);
  }
  return Object.freeze({ topicArns, certHosts: snsCertHosts(certHosts, topicArns, region), maxAgeSeconds, eventBridgeSecret: eventBridgeSecret ?? null });
}

/** Whether SES events can reach cutover at all (an SNS topic or the EventBridge secret is configured). */
export function sesEventsConfigured(config: { sesEvents: { topicArns: readonly string[]; eventBridgeSecret?: string | null } }): boolean {
  return config.sesEvents.topicArns.length > 0 || Boolean(config.sesEvents.eventBridgeSecret);
}
