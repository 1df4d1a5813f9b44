import type * as grpc from '@grpc/grpc-js';
import type { EmulatorContext } from './emulatorContext.js';
import type { GeneratedProtocol } from './generatedProtocol.js';
import { unavailableStatus } from './grpcStatus.js';

const serverVersion = '24.10.0-finsam-emulator';

type SupportedMethods = InstanceType<GeneratedProtocol['serverFeatures']['SupportedMethods']>;
type ClusterInfo = InstanceType<GeneratedProtocol['gossip']['ClusterInfo']>;

/**
 * `ServerFeatures.GetSupportedMethods`: the methods served, so that the client does not try
 * `BatchAppend`.
 */
export function createSupportedMethodsHandler(context: EmulatorContext) {
  return (_call: unknown, callback: grpc.sendUnaryData<SupportedMethods>): void => {
    if (context.faults.take('serverFeatures')?.kind === 'unavailable')
      return callback(unavailableStatus(), null);
    const { serverFeatures } = context.protocol;
    const methods = [
      ['event_store.client.streams.streams', 'read'],
      ['event_store.client.streams.streams', 'append'],
      ['event_store.client.gossip.gossip', 'read'],
      ['event_store.client.server_features.serverfeatures', 'getsupportedmethods'],
    ].map(([serviceName, methodName]) => {
      const method = new serverFeatures.SupportedMethod();
      method.setServiceName(serviceName!);
      method.setMethodName(methodName!);
      return method;
    });
    const supported = new serverFeatures.SupportedMethods();
    supported.setMethodsList(methods);
    supported.setEventStoreServerVersion(serverVersion);
    callback(null, supported);
  };
}

/** `Gossip.Read`: one live leader on this port, so that `esdb+discover://` and multi-host strings work. */
export function createGossipHandler(context: EmulatorContext) {
  return (_call: unknown, callback: grpc.sendUnaryData<ClusterInfo>): void => {
    if (context.faults.take('gossip')?.kind === 'unavailable')
      return callback(unavailableStatus(), null);
    const { gossip, shared } = context.protocol;
    const member = new gossip.MemberInfo();
    const instanceId = new shared.UUID();
    instanceId.setString('00000000-0000-4000-8000-000000000001');
    member.setInstanceId(instanceId);
    member.setTimeStamp(String(BigInt(Date.now()) * 10_000n));
    member.setState(gossip.MemberInfo.VNodeState.LEADER);
    member.setIsAlive(true);
    const endpoint = new gossip.EndPoint();
    endpoint.setAddress('127.0.0.1');
    endpoint.setPort(context.port);
    member.setHttpEndPoint(endpoint);
    const cluster = new gossip.ClusterInfo();
    cluster.setMembersList([member]);
    callback(null, cluster);
  };
}
