// @ts-check

/**
 * The signature of each checkpoint, when changeManagement.audit.signingKey
 * is set: Ed25519 over the checkpoint's text (checkpointSignedText in
 * -common), and the fingerprint of the key that verifies it. Whoever
 * rewrites a checkpoint in the database cannot sign it again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('change_chain_checkpoints', table => {
    table
      .text('signature')
      .nullable()
      .comment('Ed25519 signature of the checkpoint text, base64');
    table
      .string('key_fingerprint', 64)
      .nullable()
      .comment('sha256 of the public key (DER SubjectPublicKeyInfo), hex');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('change_chain_checkpoints', table => {
    table.dropColumn('signature');
    table.dropColumn('key_fingerprint');
  });
};
