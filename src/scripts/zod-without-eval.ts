// Zod checks whether it may compile faster validators by trying `new Function("")`. Under the site's
// Content-Security-Policy that try is refused and reported as a violation, even though zod catches
// it; jitless mode skips the try. Browser only: the build and the endpoint keep the faster path.
import { config } from "zod";

config({ jitless: true });
