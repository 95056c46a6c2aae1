import type { AiApp } from './schema.ts';

/**
 * The built-in catalog of generative-AI web apps. Keep entries sorted by id.
 * Domains are the hosts the app's web UI is served from, not its API or CDN hosts.
 */
export const BUILTIN_APPS: readonly AiApp[] = [
  {
    id: 'chatgpt',
    name: 'ChatGPT',
    vendor: 'OpenAI',
    category: 'chat',
    domains: ['chatgpt.com', 'chat.openai.com'],
    risk: 'medium',
    notes: 'Personal accounts may train on inputs unless opted out; Team/Enterprise workspaces do not.',
  },
  {
    id: 'claude',
    name: 'Claude',
    vendor: 'Anthropic',
    category: 'chat',
    domains: ['claude.ai'],
    risk: 'medium',
    notes: 'Consumer plans may use chats for training when the user allows it; Team/Enterprise do not.',
  },
  {
    id: 'copilot',
    name: 'Microsoft Copilot',
    vendor: 'Microsoft',
    category: 'chat',
    domains: ['copilot.microsoft.com'],
    risk: 'medium',
    notes: 'Consumer Copilot; Entra-signed-in Microsoft 365 Copilot has enterprise data protection.',
  },
  {
    id: 'deepseek',
    name: 'DeepSeek',
    vendor: 'DeepSeek',
    category: 'chat',
    domains: ['chat.deepseek.com'],
    risk: 'high',
    notes: 'Data stored in the PRC; no enterprise terms.',
  },
  {
    id: 'gemini',
    name: 'Google Gemini',
    vendor: 'Google',
    category: 'chat',
    domains: ['gemini.google.com'],
    risk: 'medium',
    notes: 'Personal accounts: human review and training possible; Workspace accounts covered by Workspace terms.',
  },
  {
    id: 'mistral-le-chat',
    name: 'Le Chat',
    vendor: 'Mistral AI',
    category: 'chat',
    domains: ['chat.mistral.ai'],
    risk: 'medium',
    notes: 'Free tier may train on inputs unless opted out.',
  },
  {
    id: 'perplexity',
    name: 'Perplexity',
    vendor: 'Perplexity AI',
    category: 'search',
    domains: ['perplexity.ai', 'www.perplexity.ai'],
    risk: 'medium',
    notes: 'Consumer plans may use data to improve models; Enterprise Pro does not.',
  },
  {
    id: 'poe',
    name: 'Poe',
    vendor: 'Quora',
    category: 'chat',
    domains: ['poe.com'],
    risk: 'high',
    notes: 'Routes prompts to many third-party model providers.',
  },
];
