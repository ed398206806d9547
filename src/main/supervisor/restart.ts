/**
 * The exit code with which main asks to be started again (EX_TEMPFAIL): staff's `restart_app`. On a
 * kiosk systemd restarts the session whatever the code (`Restart=always`); `npm start` restarts the
 * kiosk only for this one, and stops with it for any other.
 */
export const restartExitCode = 75;
