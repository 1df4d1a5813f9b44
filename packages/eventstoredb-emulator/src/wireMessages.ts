import type {
  AppendOutcome,
  EmulatorRecord,
  ProposedRecord,
  WireExpectedRevision,
} from './emulatorStore.js';
import type { GeneratedProtocol } from './generatedProtocol.js';

// Conversions between the protocol's generated message classes and the emulator's records.

type Streams = GeneratedProtocol['streams'];
type AppendOptionsMessage = InstanceType<Streams['AppendReq']['Options']>;
type ProposedMessage = InstanceType<Streams['AppendReq']['ProposedMessage']>;
type UuidMessage = InstanceType<GeneratedProtocol['shared']['UUID']>;

/** The UTF-8 stream name of a stream identifier ('' when there is none). */
export const streamNameOf = (
  identifier: { getStreamName_asU8(): Uint8Array } | undefined,
): string =>
  identifier === undefined ? '' : Buffer.from(identifier.getStreamName_asU8()).toString('utf8');

/** A UUID message (string or structured form) as a lower-case UUID string ('' when absent). */
export function uuidString(uuid: UuidMessage | undefined): string {
  if (uuid === undefined) return '';
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured();
  if (structured === undefined) return '';
  const bytes = Buffer.alloc(16);
  bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())), 0);
  bytes.writeBigUInt64BE(BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The expected revision an append's options carry. */
export function expectedRevisionOf(options: AppendOptionsMessage): WireExpectedRevision {
  if (options.hasRevision()) return { kind: 'revision', revision: BigInt(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

/** One proposed message of an append as a record to store. */
export function proposedRecordOf(message: ProposedMessage): ProposedRecord {
  const metadataMap = message.getMetadataMap();
  return {
    eventId: uuidString(message.getId()),
    type: metadataMap.get('type') ?? '',
    contentType: metadataMap.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

/** The answer to an append: success with the positions, or wrong expected version. */
export function appendResponseOf(
  protocol: GeneratedProtocol,
  outcome: AppendOutcome,
  expected: WireExpectedRevision,
): InstanceType<Streams['AppendResp']> {
  const { streams: pb, shared } = protocol;
  const response = new pb.AppendResp();
  if (outcome.kind === 'wrong_expected_version') {
    const wrong = new pb.AppendResp.WrongExpectedVersion();
    if (outcome.currentRevision === undefined) wrong.setCurrentNoStream(new shared.Empty());
    else wrong.setCurrentRevision(String(outcome.currentRevision));
    if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
    else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new shared.Empty());
    else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new shared.Empty());
    else wrong.setExpectedAny(new shared.Empty());
    response.setWrongExpectedVersion(wrong);
    return response;
  }
  const success = new pb.AppendResp.Success();
  if (outcome.currentRevision < 0) success.setNoStream(new shared.Empty());
  else success.setCurrentRevision(String(outcome.currentRevision));
  const position = new pb.AppendResp.Position();
  position.setCommitPosition(outcome.commitPosition.toString());
  position.setPreparePosition(outcome.preparePosition.toString());
  success.setPosition(position);
  response.setSuccess(success);
  return response;
}

/** One record as a read response message. */
export function readResponseOf(
  protocol: GeneratedProtocol,
  record: EmulatorRecord,
): InstanceType<Streams['ReadResp']> {
  const { streams: pb, shared } = protocol;
  const recorded = new pb.ReadResp.ReadEvent.RecordedEvent();
  const id = new shared.UUID();
  id.setString(record.eventId);
  recorded.setId(id);
  const identifier = new shared.StreamIdentifier();
  identifier.setStreamName(Buffer.from(record.streamName, 'utf8'));
  recorded.setStreamIdentifier(identifier);
  recorded.setStreamRevision(String(record.revision));
  recorded.setCommitPosition(record.commitPosition.toString());
  recorded.setPreparePosition(record.preparePosition.toString());
  recorded.getMetadataMap().set('type', record.type);
  recorded.getMetadataMap().set('content-type', record.contentType);
  recorded.getMetadataMap().set('created', record.createdTicks);
  recorded.setCustomMetadata(record.customMetadata);
  recorded.setData(record.data);
  const event = new pb.ReadResp.ReadEvent();
  event.setEvent(recorded);
  event.setCommitPosition(record.commitPosition.toString());
  const response = new pb.ReadResp();
  response.setEvent(event);
  return response;
}

type CaughtUpClass = Streams['ReadResp']['CaughtUp'];

/**
 * The class google-protobuf will serialise a `CaughtUp` with. Generated modules register their
 * classes in one namespace on the global object (`proto.event_store.client.streams…`) and their
 * serialisers look nested messages up there when they run. When the successor client
 * (`@kurrent/kurrentdb-client`, whose `CaughtUp` carries a timestamp and positions) is loaded in
 * the same process after ours, its classes replace ours in that namespace, and a `CaughtUp` of
 * our module would be serialised by the successor's code, which calls getters ours lacks. The
 * message is therefore made with whichever class the namespace holds now: both send the same
 * bytes for an empty `CaughtUp`.
 */
function caughtUpClass(protocol: GeneratedProtocol): CaughtUpClass {
  const namespace = (globalThis as { proto?: { event_store?: { client?: { streams?: unknown } } } })
    .proto?.event_store?.client?.streams as { ReadResp?: { CaughtUp?: CaughtUpClass } } | undefined;
  return namespace?.ReadResp?.CaughtUp ?? protocol.streams.ReadResp.CaughtUp;
}

/** The message that tells a subscriber it has every event stored so far. */
export function caughtUpResponseOf(protocol: GeneratedProtocol): InstanceType<Streams['ReadResp']> {
  const response = new protocol.streams.ReadResp();
  response.setCaughtUp(new (caughtUpClass(protocol))());
  return response;
}
