export {
  AnnouncementsDelivery,
  DIGEST_HOUR,
  type DeliveryResult,
} from './announcements/announcements-delivery';
export { BackgroundJobsModule } from './background-jobs.module';
export { type HearthModulesOptions, hearthModules } from './hearth-modules';
export { InboundImapWorker } from './inbound-imap.worker';
export { InboundSmtpListener } from './inbound-smtp.listener';
export {
  type RunningHearth,
  closeOnce,
  initOrUnwind,
  nestLogLevels,
  pinoOptions,
  serveMetrics,
} from './lifecycle';
export { type StartHearth, runHearthProcess } from './process';
export { HEARTH_SCHEMA } from './schema';
