import type { DatasetRef, MissingPolicy } from '../../shared/project';
import { builtinDataset } from '../data/builtins';
import { IMAGE_EXTENSIONS } from '../data/imageFolder';
import { type ColumnEncoding, encodedNames } from '../data/tableEncoding';
import type { ModelFile } from './modelFile';
import { pythonString, pythonStrings } from './pythonLiterals';
import { pythonNumber } from './pytorchModel';

/** The script's data section: imports it needs, constants, and a `load_data()` function. */
export interface PythonData {
  /** Standard-library imports, then NumPy's (PEP 8's groups). */
  readonly stdlib: readonly string[];
  readonly thirdParty: readonly string[];
  readonly code: string;
}

/** Where the data is: the project's path, or the built-in's file as Layerboard ships it. */
const shippedNote = (files: string) =>
  `# ${pythonString(files)} ships with Layerboard (resources/datasets/): copy it beside this script, or change the path.`;

/** Python turning the label column into class indices, as Layerboard numbered the classes. */
function labelCode(classes: readonly string[]): string {
  // Numeric labels are one class per value (1 and 1.0 alike), as sortClasses merges them.
  const numeric = classes.every((c) => c.trim() !== '' && !Number.isNaN(Number(c)));
  return numeric
    ? `    # Class labels become indices into CLASSES, matched by value (1 and 1.0 are one class).
    values = [float(name) for name in CLASSES]
    y = torch.tensor([values.index(float(row[TARGETS[0]])) for row in rows])`
    : `    # Class labels become indices into CLASSES, the classes in Layerboard's order.
    y = torch.tensor([CLASSES.index(row[TARGETS[0]]) for row in rows])`;
}

/** A table's columns, what becomes of a missing cell, and the rows left out. */
interface TableEncoding {
  readonly columns?: readonly ColumnEncoding[];
  readonly missing: MissingPolicy;
}

/** One column's encoding as a Python dict literal. */
function columnLiteral(c: ColumnEncoding): string {
  const parts = [`'name': ${pythonString(c.name)}`, `'kind': '${c.kind}'`];
  if (c.kind === 'category') parts.push(`'categories': ${pythonStrings(c.categories)}`);
  if (c.fill !== undefined) {
    const fill =
      c.kind === 'category'
        ? pythonString(c.fill)
        : c.kind === 'date'
          ? `[${c.fill.map(pythonNumber).join(', ')}]`
          : pythonNumber(c.fill);
    parts.push(`'fill': ${fill}`);
  }
  return `    {${parts.join(', ')}},`;
}

/**
 * Python encoding a row's cells as Layerboard did (data/tableEncoding.ts): the constants, an
 * `is_missing` test and an `encode(row)` function.
 */
function encodingCode(columns: readonly ColumnEncoding[]): string {
  return `# How each column of FEATURES becomes inputs, as Layerboard encoded them (the model file's
# preprocessing.columns): a number as it is; a category as one input per category, 1 for its
# own and 0 for the others (one-hot, in this order); a date (year-month-day) as its year, month
# and day of the year. A missing cell takes the column's fill, fitted on the training split.
COLUMNS = [
${columns.map(columnLiteral).join('\n')}
]
# The model's inputs in order, each column expanded in place.
INPUTS = ${pythonStrings(encodedNames(columns))}


def encode(row):
    """One row of the CSV file (a dict by column name) as the model's inputs, in INPUTS' order."""
    x = []
    for column in COLUMNS:
        name, kind = column['name'], column['kind']
        cell = row[name].strip()
        if is_missing(cell):
            if 'fill' not in column:
                raise ValueError(f'{name}: a missing value, and the model fills none in')
            value = column['fill']
        elif kind == 'number':
            value = float(cell)
        elif kind == 'date':
            day = datetime.date.fromisoformat(cell[:10])
            value = [day.year, day.month, day.timetuple().tm_yday]
        else:
            value = cell
        if kind == 'number':
            x.append(value)
        elif kind == 'date':
            x += value
        elif value in column['categories']:
            x += [1.0 if value == category else 0.0 for category in column['categories']]
        else:
            raise ValueError(f'{name}: {value!r} is not one of the categories {column["categories"]}')
    return x`;
}

/** Python telling a missing cell, as Layerboard does (data/csvCells.ts). */
const MISSING_CODE = `# Cells that mean "no value": blank, NA, N/A, NaN, null, None, ?, - and #N/A, in any case.
MISSING = {'', 'na', 'n/a', 'nan', 'null', 'none', '?', '-', '#n/a'}


def is_missing(cell):
    return cell.strip().lower() in MISSING
`;

/** Python leaving out the rows the missing-value policy leaves out. */
function keptRowsCode(missing: MissingPolicy): string {
  if (missing === 'drop') {
    return `    # Rows with a missing value in a feature or a target are left out ("missing": "drop").
    rows = [row for row in rows if not any(is_missing(row[name]) for name in FEATURES + TARGETS)]
`;
  }
  if (missing === 'mean') {
    return `    # Rows without a target are left out; missing features take their fill ("missing": "mean").
    rows = [row for row in rows if not any(is_missing(row[name]) for name in TARGETS)]
`;
  }
  return '';
}

function csvData(
  path: string,
  note: string,
  features: readonly string[],
  targets: readonly string[],
  classes: readonly string[] | undefined,
  table: TableEncoding = { missing: 'error' },
): PythonData {
  const target = classes
    ? labelCode(classes)
    : '    y = torch.tensor([[float(row[name]) for name in TARGETS] for row in rows])';
  const { columns } = table;
  const inputs = columns
    ? '    x = torch.tensor([encode(row) for row in rows])'
    : '    x = torch.tensor([[float(row[name]) for name in FEATURES] for row in rows])';
  const keep = keptRowsCode(table.missing);
  const helpers = [
    ...(columns || table.missing !== 'error' ? [MISSING_CODE] : []),
    ...(columns ? [encodingCode(columns)] : []),
  ];
  return {
    stdlib: columns?.some((c) => c.kind === 'date')
      ? ['import csv', 'import datetime']
      : ['import csv'],
    thirdParty: [],
    code: `${note}
DATA_FILE = ${pythonString(path)}
FEATURES = ${pythonStrings(features)}
TARGETS = ${pythonStrings(targets)}
${helpers.map((code) => `${code}\n`).join('\n')}

def load_data():
    """The training data as it is in the CSV file: raw inputs${columns ? ' (encoded)' : ''}, and the targets."""
    with open(DATA_FILE, newline='') as f:
        rows = list(csv.DictReader(f))
${keep}${inputs}
${target}
    return TensorDataset(x, y)`,
  };
}

/**
 * Python reading IDX images as the model takes them: `[N, rows, cols]` as the file holds them, or
 * with a channel dimension first (`[N, 1, rows, cols]`) when the model's input is `[1, rows, cols]`,
 * as Layerboard's loader and torchvision's ToTensor give images, and as nn.Conv2d takes them.
 */
function idxData(
  images: string,
  labels: string,
  note: string,
  inputShape: readonly number[],
): PythonData {
  const channels =
    inputShape.length === 3
      ? `
    # [N, rows, cols] -> [N, 1, rows, cols]: one channel, first, as torchvision's ToTensor gives
    # images and nn.Conv2d takes them.
    x = x.unsqueeze(1)`
      : '';
  return {
    stdlib: ['import gzip'],
    thirdParty: ['import numpy as np'],
    code: `${note}
IMAGES_FILE = ${pythonString(images)}
LABELS_FILE = ${pythonString(labels)}


def read_idx(path):
    """An IDX file (MNIST's format): a 4-byte magic number whose last byte counts the
    dimensions, one big-endian 4-byte size per dimension, then the values as bytes."""
    with (gzip.open if path.endswith('.gz') else open)(path, 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_data():
    """The training images as raw bytes 0..255 (the model scales them itself), and the labels."""
    x = torch.tensor(read_idx(IMAGES_FILE), dtype=torch.float32)${channels}
    y = torch.tensor(read_idx(LABELS_FILE), dtype=torch.long)
    return TensorDataset(x, y)`,
  };
}

/**
 * Python reading an image folder as Layerboard does: torchvision's ImageFolder (classes and files
 * in the same sorted order, so the seeded split picks the same images), PNG and JPEG files only,
 * each converted to grey or RGB by Pillow and resized with its bilinear filter, as raw bytes 0..255
 * `[C, H, W]` (the model's first module scales them, as for IDX images).
 */
function folderData(ref: Extract<DatasetRef, { source: 'folder' }>): PythonData {
  const zip = ref.path.toLowerCase().endsWith('.zip');
  const folder = zip ? ref.path.slice(0, -'.zip'.length) : ref.path;
  const note = zip
    ? `# The project read the archive ${pythonString(ref.path)}: unpack it here, so that IMAGE_FOLDER
# holds one subfolder per class (a relative path is relative to the project file).`
    : '# The image folder the project named: one subfolder per class (a relative path is relative\n# to the project file).';
  const grey = ref.channels === 1;
  return {
    stdlib: [],
    thirdParty: ['from torchvision import datasets, transforms'],
    code: `${note}
IMAGE_FOLDER = ${pythonString(folder)}
IMAGE_SIZE = (${ref.size[0]}, ${ref.size[1]})  # (height, width)


def is_image(path):
    """The files Layerboard reads: PNG and JPEG, by their extension; others are left out."""
    return path.lower().endswith(tuple(${pythonStrings(IMAGE_EXTENSIONS)}))


def load_data():
    """The images as ImageFolder reads them (its classes are the sorted subfolder names),
    ${grey ? 'grey' : 'RGB'}, resized to IMAGE_SIZE with Pillow's bilinear filter, as raw values 0..255."""
    transform = transforms.Compose(
        [${grey ? '\n            transforms.Grayscale(1),' : ''}
            transforms.Resize(IMAGE_SIZE),
            transforms.PILToTensor(),  # [C, H, W] bytes: the model scales them itself
            transforms.Lambda(lambda pixels: pixels.float()),
        ]
    )
    return datasets.ImageFolder(IMAGE_FOLDER, transform=transform, is_valid_file=is_image)`,
  };
}

/**
 * Python that loads the data the model was trained on, as raw values (the model's first module
 * does the preprocessing): the csv module for tables, gzip and NumPy for IDX images, torchvision
 * for image folders.
 */
export function pythonData(file: ModelFile): PythonData {
  const ref: DatasetRef = file.training.dataset;
  switch (ref.source) {
    case 'csv':
      return csvData(
        ref.path,
        '# The CSV file the project named (a relative path is relative to the project file).',
        ref.features,
        ref.targets,
        ref.task === 'classification' ? (file.classes ?? []) : undefined,
        {
          ...(file.preprocessing.columns ? { columns: file.preprocessing.columns } : {}),
          missing: ref.missing ?? 'error',
        },
      );
    case 'idx':
      return idxData(
        ref.images,
        ref.labels,
        '# The IDX files the project named (a relative path is relative to the project file).',
        file.inputShape,
      );
    case 'folder':
      return folderData(ref);
    case 'builtin': {
      const entry = builtinDataset(ref.name);
      if (entry.kind === 'table') {
        return csvData(entry.csv, shippedNote(entry.csv), entry.features, entry.targets, undefined);
      }
      return idxData(
        entry.train.images,
        entry.train.labels,
        shippedNote(`${entry.name}/`),
        file.inputShape,
      );
    }
  }
}
