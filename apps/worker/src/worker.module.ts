import { DynamicModule, Module } from '@nestjs/common';
import { BackgroundJobsModule, hearthModules, type HearthModulesOptions } from '@app/runtime';

/** The worker's composition root: the shared modules plus the background loops, no HTTP controllers. */
@Module({})
export class WorkerAppModule {
  static forRoot(options: HearthModulesOptions): DynamicModule {
    return { module: WorkerAppModule, imports: [...hearthModules(options), BackgroundJobsModule] };
  }
}
