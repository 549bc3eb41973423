import {
  createHash,
  createPublicKey,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';
import {
  AuditVerification,
  ChainCheckpoint,
  checkpointSignedText,
} from '@trove/backstage-plugin-change-management-common';

type Unsigned = Omit<ChainCheckpoint, 'signature' | 'keyFingerprint'>;

/**
 * Signs checkpoints with the Ed25519 key of `changeManagement.audit.signingKey`
 * and checks the signatures of those stored, so that a checkpoint rewritten
 * by whoever can write the database is found out. The signature covers
 * `checkpointSignedText`, which an auditor writes again to verify it with
 * openssl alone (README).
 */
export class CheckpointSigner {
  private readonly publicKey: KeyObject;
  /** sha256 of the public key's DER SubjectPublicKeyInfo, hex. */
  readonly fingerprint: string;

  constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
    this.fingerprint = createHash('sha256')
      .update(this.publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex');
  }

  sign(checkpoint: Unsigned): ChainCheckpoint {
    const text = Buffer.from(checkpointSignedText(checkpoint), 'utf8');
    return {
      ...checkpoint,
      // Ed25519 hashes the message itself: no digest is named.
      signature: sign(null, text, this.privateKey).toString('base64'),
      keyFingerprint: this.fingerprint,
    };
  }

  /** Whether this key signed the checkpoint as it now reads. */
  signed(checkpoint: ChainCheckpoint): boolean {
    if (
      checkpoint.keyFingerprint !== this.fingerprint ||
      !checkpoint.signature
    ) {
      return false;
    }
    return verify(
      null,
      Buffer.from(checkpointSignedText(checkpoint), 'utf8'),
      this.publicKey,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  }

  /**
   * The first checkpoint, oldest first, that this key should have signed
   * and did not: from the first one it signed on, every checkpoint must
   * carry its valid signature. Those before were taken without a key or
   * with an earlier one (verify those with its public key).
   */
  firstForged(checkpoints: ChainCheckpoint[]): ChainCheckpoint | undefined {
    const from = checkpoints.findIndex(
      cp => cp.keyFingerprint === this.fingerprint,
    );
    if (from < 0) return undefined;
    return checkpoints.slice(from).find(cp => !this.signed(cp));
  }

  /** The finding of verification about the stored checkpoints, if any. */
  async findForgery(
    checkpoints: () => Promise<ChainCheckpoint[]>,
  ): Promise<
    Pick<AuditVerification, 'firstBadEventId' | 'problem'> | undefined
  > {
    const forged = this.firstForged(await checkpoints());
    return (
      forged && {
        firstBadEventId: forged.eventId,
        problem: `The checkpoint of ${forged.createdAt} (event ${forged.eventId}) does not carry a valid signature of the audit signing key: it was written or rewritten in the database after the fact`,
      }
    );
  }
}
