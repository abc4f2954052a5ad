// The async boundary Module Federation needs: shared modules are negotiated before any of them runs.
import('./bootstrap');
