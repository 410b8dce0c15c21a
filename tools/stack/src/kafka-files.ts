import { STACK_HOST } from './ports.js';

export interface KafkaServerSettings {
  readonly port: number;
  readonly controllerPort: number;
  readonly logDir: string;
}

/** One KRaft node that is both broker and controller, listening on loopback only. */
export function kafkaServerProperties({
  port,
  controllerPort,
  logDir,
}: KafkaServerSettings): string {
  return `process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${STACK_HOST}:${controllerPort}
listeners=PLAINTEXT://${STACK_HOST}:${port},CONTROLLER://${STACK_HOST}:${controllerPort}
advertised.listeners=PLAINTEXT://${STACK_HOST}:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${logDir}
num.partitions=1
# Topics are created explicitly (createTopics with waitForLeaders), never by a stray producer.
auto.create.topics.enable=false
# A single node cannot replicate internal topics; one offsets partition makes the first group join fast.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
`;
}

/** kafka_2.13 logs through SLF4J; with the reload4j binding this sends everything to stdout. */
export function kafkaLog4jProperties(): string {
  return `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaConfig=WARN
`;
}
