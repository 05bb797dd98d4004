// Monitoring: alert topics, the alarms by tier (load balancer, app instances, Redis, edge) and the dashboard.
export { Monitoring } from "./monitoring";
export type { AlarmInputs, AlarmSpec, EndpointCheck, MonitoringArgs, MonitoringThresholds } from "./args";
export { alarmSpecs, cacheNodeVcpus } from "./alarms";
export { dashboardBody } from "./dashboard";
export type { DashboardInputs } from "./dashboard";
export { THRESHOLD_DEFAULTS, thresholdProblems, validateThresholds } from "./thresholds";
export { alertTopics, checkAlertEmails } from "./topics";
