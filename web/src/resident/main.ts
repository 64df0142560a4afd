import '../lib/no-eval.ts';
import { mount } from 'svelte';
import '../lib/app.css';
import Resident from './Resident.svelte';

mount(Resident, { target: document.getElementById('app')! });
