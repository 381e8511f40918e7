import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WitnessKeyResponse } from '../../contract/index.js';
import { authenticateDevice } from '../enrolment/authenticateDevice.js';
import type { ReceivedRequest } from '../../protocol/index.js';
import type { GatewayStore } from '../store/openStore.js';
import { addCheckpoint } from './addCheckpoint.js';
import { loadWitnessKey } from './witnessKey.js';

export interface WitnessRouteOptions {
  store: GatewayStore;
  name: string;
  now: () => number;
  received: (request: FastifyRequest) => ReceivedRequest;
}

/** C2SP tlog-witness's media type for the size a 409 answers with. */
const SIZE_MEDIA_TYPE = 'text/x.tlog.size';

/**
 * `GET /v1/witness`: the witness's name and public key. `POST /v1/witness/add-checkpoint`: C2SP
 * tlog-witness, signed by the device like every route after enrolment (docs/gateway.md "Witness").
 */
export async function registerWitnessRoutes(app: FastifyInstance, options: WitnessRouteOptions): Promise<void> {
  const { store, now, received } = options;
  const witness = await loadWitnessKey(store.db, options.name, now());
  app.get('/v1/witness', async (): Promise<WitnessKeyResponse> => ({ name: witness.signer.name, publicKey: witness.publicKey.toString('base64') }));
  app.post('/v1/witness/add-checkpoint', async function addCheckpointRoute(request, reply) {
    const device = await authenticateDevice(store, received(request), now());
    const body = typeof request.body === 'string' ? request.body : '';
    const answer = await addCheckpoint(store, device, body, witness, now());
    if ('stale' in answer) return reply.status(409).type(SIZE_MEDIA_TYPE).send(`${answer.knownSize}\n`);
    return reply.status(200).type('text/plain; charset=utf-8').send(answer.cosignature);
  });
}
