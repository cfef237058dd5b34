export { verifyAuditChain } from './verify-audit-chain.ts';
