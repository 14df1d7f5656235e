// Phone normalization lives in core/identifiers, below both identity and channels; this path stays for the modules that still import it here.
export * from '../identifiers/phone';
