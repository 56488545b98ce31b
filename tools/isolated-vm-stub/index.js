'use strict';
// Stand-in so that a development install works on Node 20, 22 and 24 alike.
// n8n-workflow's default expression engine does not use isolated-vm; anything that does is told why it fails.
const message =
	'isolated-vm is replaced by a stand-in in this development install (see tools/isolated-vm-stub); the VM expression engine is unavailable here';
class Unavailable {
	constructor() {
		throw new Error(message);
	}
}
module.exports = new Proxy(
	{ Isolate: Unavailable, Context: Unavailable, Reference: Unavailable, ExternalCopy: Unavailable },
	{ get: (target, key) => (key in target ? target[key] : key === '__esModule' ? false : undefined) },
);
