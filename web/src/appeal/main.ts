import '../lib/no-eval.ts';
import { mount } from 'svelte';
import '../lib/app.css';
import Appeal from './Appeal.svelte';

mount(Appeal, { target: document.getElementById('app')! });
