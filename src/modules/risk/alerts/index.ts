export { findOpenAlerts, findChangedAlert, findUnitOpenAlerts, STATUS_TEXT, setAlertStatus, ALERT_KIND_LABELS, type OpenAlert, type AlertScope } from './risk-alerts.ts';
export { RiskAlertList } from './alert-list.tsx';
export { alertRoutes } from './routes.tsx';
