import { PostEntity } from './posts/post.entity';
import { PostReportEntity } from './reports/post-report.entity';
import { TopicFollowerEntity } from './topic-follower.entity';
import { TopicEntity } from './topic.entity';

export * from './posts/post-view';
export * from './posts/post.entity';
export * from './posts/posts.service';
export * from './reports/post-report.entity';
export * from './reports/report-view';
export * from './reports/reports.service';
export * from './topic-context';
export * from './topic-follower.entity';
export * from './topic-rules';
export * from './topic-view';
export * from './topic.entity';
export * from './topics.service';

export const TOPIC_ENTITIES = [TopicEntity, PostEntity, TopicFollowerEntity, PostReportEntity];
