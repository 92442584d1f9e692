// Imported first by main.tsx, so this runs before the libraries and the app are evaluated.
import { startEarlyRequests } from './early-requests';

startEarlyRequests(window.location);
