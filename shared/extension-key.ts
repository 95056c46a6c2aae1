/**
 * The Daylight extension's signing identity for Chromium browsers. The public key (base64 SPKI DER)
 * goes into the Chrome build's manifest `key`, so an unpacked build and every CRX signed with the
 * matching private key have the same id. The private key is a deployment secret, never in the
 * repository: `EXTENSION_SIGNING_KEY_FILE` / `--key` (docs/rollout.md). `EXTENSION_ID` is derived
 * from the key (first 16 bytes of SHA-256, hex digits written a-p); a unit test checks that it
 * matches.
 */
export const EXTENSION_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1+WOB7zlD99uF9KPFSsMEl/4jiEMC5RU5NwPzpgpb2+/2yeUPMW8lel3U2g2w6YGKGFff2IclCnmjDK1bi+vWOS5CShHAjBfInRgoiq+MekNW+Oc703UwwYvnTGEGblaSKKXpcTLCaRN9sUp8aaCE3W/k3hP2HqY9AsRN5KUFgrmwAL0RE5Rh1QGwZL1RzXbFAjh+LFBn2wCJZL21tKDTP3f2StRDsPuibkSJvfMqTCTqjBKbdF/TnD1r7OEeVKOKkA+851Vkf+YUN+6c4vnYXGholxr9y4zYcoZxKM65lYViBxwnS4Q09RX6FLRFkbZonSy8JvkfafnUiHvVHmByQIDAQAB';

/** The Chromium extension id of {@link EXTENSION_PUBLIC_KEY} (Chrome, Edge, Chromium). */
export const EXTENSION_ID = 'diokaghpeaomnjmnaanpldabplffnicf';

/** The Firefox add-on id (manifest `browser_specific_settings.gecko.id`). */
export const FIREFOX_EXTENSION_ID = 'extension@daylight.dev';
