import { DynamicModule, Module } from '@nestjs/common';
import { CoreModuleOptions } from '@app/core';
import { BackgroundJobsModule, hearthModules } from '@app/runtime';

/** The worker's composition root: the shared modules plus the background loops, no HTTP controllers. */
@Module({})
export class WorkerAppModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return { module: WorkerAppModule, imports: [...hearthModules(options), BackgroundJobsModule] };
  }
}
