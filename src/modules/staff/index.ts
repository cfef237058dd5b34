// The staff area: start page, administration, audit log. Register data comes in through StaffStartSources.
export { staffRoutes, type StaffStartSources } from './routes.tsx';
