export { recordAudit, type AuditEntry } from './record-audit.ts';
export { verifyAuditChain, type AuditVerification } from './verify-audit-chain.ts';
