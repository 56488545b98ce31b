const path = require('path');
const { src, dest } = require('gulp');

// tsc compiles the TypeScript; n8n loads icons from beside the built files.
function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { encoding: false }).pipe(
		dest((file) => path.join('dist', path.relative(process.cwd(), file.base))),
	);
}

exports['build:icons'] = buildIcons;
