import { helm, RenderError, renderChart, templateArgs } from './helm.js';

/** Renders with --set overrides and returns helm's error message (empty when it rendered). */
const rejection = (set: Record<string, string | number | boolean>) => {
  const result = helm(templateArgs({ set }));
  return result.status === 0 ? '' : result.stderr;
};

describe('values.schema.json and the chart checks', () => {
  it.each([
    [{ 'ingest.replicaCount': -1 }, "at '/ingest/replicaCount': minimum: got -1, want 0"],
    [
      { 'batch.archive.replicaCount': -3 },
      "at '/batch/archive/replicaCount': minimum: got -3, want 0",
    ],
    [{ 'speed.replicaCount': 0 }, "at '/speed/replicaCount': minimum: got 0, want 1"],
    [
      { 'reconciliation.replicaCount': 2 },
      "at '/reconciliation/replicaCount': maximum: got 2, want 1",
    ],
    [{ 'ingest.replicas': 3 }, "at '/ingest': additional properties 'replicas' not allowed"],
    [
      { environment: 'prod' },
      "at '/environment': value must be one of 'production', 'development'",
    ],
    [{ 'kafka.topicPartitions': 0 }, "at '/kafka/topicPartitions': minimum: got 0, want 1"],
    [{ 'kafka.sasl.mechanism': 'scram' }, "at '/kafka/sasl/mechanism': value must be one of"],
    [{ 'ingest.resources.requests.cpu': 'lots' }, "at '/ingest/resources/requests/cpu'"],
    [{ 'clickhouse.url': 'clickhouse:8123' }, "at '/clickhouse/url'"],
    [{ 'batch.recompute.schedule': 'hourly' }, "at '/batch/recompute/schedule'"],
    [{ containerPort: 80 }, "at '/containerPort': minimum: got 80"],
  ])('rejects %j with a message naming the value', (set, message) => {
    expect(rejection(set)).toContain(message);
  });

  it('caps the speed autoscaler at the topic partition count', () => {
    expect(rejection({ 'speed.autoscaling.maxReplicas': 8 })).toContain(
      'speed.autoscaling.maxReplicas (8) exceeds kafka.topicPartitions (6)',
    );
    expect(rejection({ 'kafka.topicPartitions': 4 })).toContain(
      'speed.autoscaling.maxReplicas (6) exceeds kafka.topicPartitions (4)',
    );
    expect(rejection({ 'kafka.topicPartitions': 12, 'speed.autoscaling.maxReplicas': 12 })).toBe(
      '',
    );
  });

  it('caps fixed speed and archive replicas at the partition count too', () => {
    expect(rejection({ 'speed.autoscaling.enabled': false, 'speed.replicaCount': 7 })).toContain(
      'speed.replicaCount (7) exceeds kafka.topicPartitions (6)',
    );
    expect(rejection({ 'batch.archive.replicaCount': 7 })).toContain(
      'batch.archive.replicaCount (7) exceeds kafka.topicPartitions (6)',
    );
  });

  it('rejects an autoscaler whose minimum exceeds its maximum', () => {
    expect(
      rejection({ 'serving.autoscaling.minReplicas': 5, 'serving.autoscaling.maxReplicas': 3 }),
    ).toContain('serving.autoscaling.minReplicas (5) is greater than maxReplicas (3)');
  });

  it('rejects an autoscaler without a target', () => {
    expect(rejection({ 'ingest.autoscaling.targetCPUUtilizationPercentage': 'null' })).toContain(
      'ingest.autoscaling needs targetCPUUtilizationPercentage or targetMemoryUtilizationPercentage',
    );
  });

  it("throws a RenderError carrying helm's message", () => {
    expect(() => renderChart({ set: { 'ingest.replicaCount': -1 } })).toThrow(RenderError);
  });

  it('renders fixed replicas when autoscaling is off, and a Job only while migrations are on', () => {
    const objects = renderChart({
      set: {
        'ingest.autoscaling.enabled': false,
        'ingest.replicaCount': 0,
        'batch.migrate.enabled': false,
      },
    });
    const ingest = objects.find(
      (o) => o.metadata.name === 'lambda-ingest' && o.kind === 'Deployment',
    )!;
    expect((ingest['spec'] as { replicas: number }).replicas).toBe(0);
    expect(objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')).toHaveLength(2);
    expect(objects.filter((o) => o.kind === 'Job')).toHaveLength(0);
    expect(renderChart().filter((o) => o.kind === 'Job')).toHaveLength(1);
  });
});
