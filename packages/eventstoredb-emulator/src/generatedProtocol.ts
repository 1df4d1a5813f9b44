import { createRequire } from 'node:module';

/**
 * The gRPC service definitions and message classes of EventStoreDB's protocol, exactly as
 * the official client ships them in `@eventstore/db-client/generated`.
 *
 * They are loaded from `node_modules` at run time and never copied into this repository:
 * the emulator then speaks byte for byte the protocol the client was generated from, and a
 * client upgrade brings its own definitions along. The `.d.ts` files shipped next to the
 * modules give the types, so nothing here needs a type escape.
 */

type StreamsGrpcModule = typeof import('@eventstore/db-client/generated/streams_grpc_pb');
type StreamsMessagesModule = typeof import('@eventstore/db-client/generated/streams_pb');
type SharedMessagesModule = typeof import('@eventstore/db-client/generated/shared_pb');
type ServerFeaturesGrpcModule =
  typeof import('@eventstore/db-client/generated/serverfeatures_grpc_pb');
type ServerFeaturesMessagesModule =
  typeof import('@eventstore/db-client/generated/serverfeatures_pb');
type GossipGrpcModule = typeof import('@eventstore/db-client/generated/gossip_grpc_pb');
type GossipMessagesModule = typeof import('@eventstore/db-client/generated/gossip_pb');

/** The loaded protocol modules. */
export interface GeneratedProtocol {
  readonly streamsGrpc: StreamsGrpcModule;
  readonly streams: StreamsMessagesModule;
  readonly shared: SharedMessagesModule;
  readonly serverFeaturesGrpc: ServerFeaturesGrpcModule;
  readonly serverFeatures: ServerFeaturesMessagesModule;
  readonly gossipGrpc: GossipGrpcModule;
  readonly gossip: GossipMessagesModule;
}

let loaded: GeneratedProtocol | undefined;

/** Loads (once) the generated protocol modules from the installed `@eventstore/db-client`. */
export function loadGeneratedProtocol(): GeneratedProtocol {
  if (loaded !== undefined) return loaded;
  const require = createRequire(import.meta.url);
  const base = '@eventstore/db-client/generated';
  loaded = {
    streamsGrpc: require(`${base}/streams_grpc_pb`) as StreamsGrpcModule,
    streams: require(`${base}/streams_pb`) as StreamsMessagesModule,
    shared: require(`${base}/shared_pb`) as SharedMessagesModule,
    serverFeaturesGrpc: require(`${base}/serverfeatures_grpc_pb`) as ServerFeaturesGrpcModule,
    serverFeatures: require(`${base}/serverfeatures_pb`) as ServerFeaturesMessagesModule,
    gossipGrpc: require(`${base}/gossip_grpc_pb`) as GossipGrpcModule,
    gossip: require(`${base}/gossip_pb`) as GossipMessagesModule,
  };
  return loaded;
}
