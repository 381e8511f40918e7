import { generateDemoBookingRows } from '../demo/demoBookingRows.js';
import { serveWorkerJob } from './serveWorkerJob.js';

// The demo's year of bookings generated off the caller's thread: rows as JSON text, a chunk per event.
serveWorkerJob('demo.bookings', (request, context) => ({
  result: generateDemoBookingRows(request, (code, rows) => context.event({ code, json: JSON.stringify(rows) })),
}));
