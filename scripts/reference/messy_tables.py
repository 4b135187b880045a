"""Tables as courses bring them, and what pandas, scikit-learn and PyTorch make of them.

Writes two CSV files in the shape of public data sets that courses use, with R's "NA" and blank
cells, text columns and dates (synthetic, seeded, so they can be committed):
- penguins.csv: palmerpenguins' columns (species, island, bill and flipper lengths, body mass, sex,
  year), 344 rows; two rows miss every measurement, eleven miss the sex.
- bike-days.csv: the UCI bike-sharing day table's shape (date, season, weather, temperature,
  humidity, wind speed, rentals), 731 days; some humidity cells are blank, some wind speeds "NA"
  or "?", one date and one weather missing.

Then, independently of Layerboard, the usual course recipe on each with both missing-value
policies: pandas' read_csv (its NA words, plus "?" and "-"), rows dropped (`dropna`) or
SimpleImputer fitted on the training split (mean; most_frequent for text), rows without a target
left out, OneHotEncoder (sorted categories, fitted on all rows kept) and date parts (year, month,
day of year) in the features' order, StandardScaler on the numeric inputs of the training split,
the seeded random_split into train/validation/test, torch.manual_seed before the model and a
seeded DataLoader: the recipe Layerboard follows, so the numbers should agree to float32
rounding. The fixture holds the encoded inputs' names, the counts, the fills, the first encoded
training rows, every epoch's training loss and the test metrics.
"""
import os

import numpy as np
import pandas as pd
import torch
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import OneHotEncoder
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

from common import ROOT, tolist, train_epoch, write_fixture

FIXTURES = os.path.join(ROOT, 'src', 'engine', 'data', 'fixtures')
NA_WORDS = ['?', '-']


def write_penguins(path):
    rng = np.random.RandomState(0)
    kinds = {  # species: (count, islands, bill length, bill depth, flipper, mass)
        'Adelie': (152, ['Biscoe', 'Dream', 'Torgersen'], 38.8, 18.3, 190, 3700),
        'Chinstrap': (68, ['Dream'], 48.8, 18.4, 196, 3733),
        'Gentoo': (124, ['Biscoe'], 47.5, 15.0, 217, 5076),
    }
    rows = []
    for species, (count, islands, bill, depth, flipper, mass) in kinds.items():
        for _ in range(count):
            male = rng.rand() < 0.5
            grow = 1.04 if male else 0.96
            rows.append([
                species, islands[rng.randint(len(islands))],
                f'{bill * grow + rng.randn() * 2.5:.1f}', f'{depth * grow + rng.randn() * 0.9:.1f}',
                str(int(flipper * grow + rng.randn() * 6)), str(int(mass * grow + rng.randn() * 350)),
                'male' if male else 'female', str(2007 + rng.randint(3)),
            ])
    order = rng.permutation(len(rows))
    rows = [rows[i] for i in order]
    for i in (3, 271):  # as palmerpenguins: two birds measured not at all
        rows[i][2:7] = ['NA'] * 5
    for i in rng.choice([i for i in range(len(rows)) if i not in (3, 271)], 9, replace=False):
        rows[i][6] = 'NA'
    with open(path, 'w') as f:
        f.write('species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n')
        for row in rows:
            f.write(','.join(row) + '\n')


def write_bikes(path):
    rng = np.random.RandomState(1)
    days = pd.date_range('2011-01-01', '2012-12-31')
    seasons = {12: 'winter', 1: 'winter', 2: 'winter', 3: 'spring', 4: 'spring', 5: 'spring',
               6: 'summer', 7: 'summer', 8: 'summer', 9: 'fall', 10: 'fall', 11: 'fall'}
    lines = ['date,season,weather,temp_c,humidity_pct,windspeed_kmh,rentals']
    for i, day in enumerate(days):
        season = seasons[day.month]
        weather = ['clear', 'clear', 'mist', 'light rain'][rng.randint(4)]
        temp = 15 - 12 * np.cos(2 * np.pi * (day.dayofyear - 20) / 365) + rng.randn() * 3
        humidity = np.clip(60 + rng.randn() * 15 + (20 if weather == 'light rain' else 0), 10, 100)
        wind = abs(12 + rng.randn() * 5)
        rentals = (1500 + 1800 * (day.year - 2011) + 160 * temp - 18 * humidity - 40 * wind
                   - {'clear': 0, 'mist': 400, 'light rain': 1600}[weather]
                   + {'winter': -300, 'spring': 200, 'summer': 300, 'fall': 500}[season]
                   + rng.randn() * 350)
        cells = [day.strftime('%Y-%m-%d'), season, weather, f'{temp:.1f}', f'{humidity:.0f}',
                 f'{wind:.1f}', str(max(20, int(rentals)))]
        if i % 37 == 5:
            cells[4] = ''
        if i % 53 == 7:
            cells[5] = 'NA' if i % 2 else '?'
        if i == 100:
            cells[0] = 'NA'
        if i == 200:
            cells[2] = ''
        lines.append(','.join(cells))
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')


def encode(df, features, train_rows, policy):
    """The inputs, in the features' order, each column expanded in place; and the fills."""
    parts, names, fills = [], [], {}
    for name in features:
        column = df[[name]]
        if name == 'date':
            dates = pd.to_datetime(df[name])
            column = pd.DataFrame({'y': dates.dt.year, 'm': dates.dt.month, 'd': dates.dt.dayofyear},
                                  dtype='float64')
            if policy == 'mean':
                imputer = SimpleImputer(strategy='mean').fit(column.iloc[train_rows])
                column = pd.DataFrame(imputer.transform(column))
                fills[name] = imputer.statistics_.tolist()
            parts.append(column.to_numpy(dtype='float64'))
            names += [f'{name} year', f'{name} month', f'{name} day of year']
        elif df[name].dtype == object:
            if policy == 'mean':
                imputer = SimpleImputer(strategy='most_frequent').fit(column.iloc[train_rows])
                fills[name] = imputer.statistics_[0]
                column = pd.DataFrame(imputer.transform(column), columns=[name])
            # Categories from every row kept (pandas' get_dummies on the whole table would agree).
            encoder = OneHotEncoder(categories=[sorted(df[name].dropna().unique())])
            parts.append(encoder.fit_transform(column).toarray())
            names += [f'{name}={c}' for c in encoder.categories_[0]]
        else:
            if policy == 'mean':
                imputer = SimpleImputer(strategy='mean').fit(column.iloc[train_rows])
                fills[name] = float(imputer.statistics_[0])
                column = pd.DataFrame(imputer.transform(column))
            parts.append(column.to_numpy(dtype='float64'))
            names.append(name)
    return np.concatenate(parts, axis=1), names, fills


def recipe(case):
    df = pd.read_csv(os.path.join(FIXTURES, case['file']), na_values=NA_WORDS)
    features, target, policy = case['features'], case['target'], case['missing']
    rows_read = len(df)
    chosen = features + [target]
    df = df.dropna(subset=chosen if policy == 'drop' else [target]).reset_index(drop=True)
    cells_filled = int(df[features].isna().sum().sum()) if policy == 'mean' else 0
    n = len(df)
    held = lambda f: max(1, round(n * f)) if f > 0 else 0
    n_val, n_test = held(case['validationSplit']), held(case['testSplit'])
    train_idx, val_idx, test_idx = (list(s.indices) for s in random_split(
        range(n), [n - n_val - n_test, n_val, n_test],
        generator=torch.Generator().manual_seed(case['seed'])))
    x, names, fills = encode(df, features, train_idx, policy)
    numeric = [not ('=' in nm) for nm in names]
    mean = x[train_idx].mean(axis=0)
    std = x[train_idx].std(axis=0)
    std[std == 0] = 1
    for j, keep in enumerate(numeric):
        if keep:
            x[:, j] = (x[:, j] - mean[j]) / std[j]
    x = torch.tensor(x, dtype=torch.float32)
    if case['task'] == 'classification':
        classes = sorted(df[target].unique(), key=lambda c: (c.lower(), c))
        y = torch.tensor([classes.index(c) for c in df[target]])
        loss_fn = nn.CrossEntropyLoss()
    else:
        y = torch.tensor(df[[target]].to_numpy(), dtype=torch.float32)
        loss_fn = nn.MSELoss()
    torch.manual_seed(case['seed'])
    hidden = case['hidden']
    model = nn.Sequential(nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Linear(hidden, case['outputs']))
    opt = torch.optim.Adam(model.parameters(), lr=case['lr'])
    loader = DataLoader(TensorDataset(x[train_idx], y[train_idx]), batch_size=case['batchSize'],
                        shuffle=True, generator=torch.Generator().manual_seed(case['seed']))
    losses = [train_epoch(model, loader, loss_fn, opt) for _ in range(case['epochs'])]
    with torch.no_grad():
        out = model(x[test_idx])
        test = {'loss': loss_fn(out, y[test_idx]).item()}
        if case['task'] == 'classification':
            test['accuracy'] = (out.argmax(1) == y[test_idx]).float().mean().item()
        else:
            truth = y[test_idx][:, 0].double()
            residual = truth - out[:, 0].double()
            test['r2'] = (1 - (residual ** 2).sum() / ((truth - truth.mean()) ** 2).sum()).item()
    return {
        **case, 'inputs': names, 'rowsRead': rows_read, 'rowsLeftOut': rows_read - n,
        'cellsFilled': cells_filled, 'fills': fills,
        'counts': {'train': len(train_idx), 'validation': len(val_idx), 'test': len(test_idx)},
        'firstTrainRows': tolist(x[train_idx[:3]]), 'epochLosses': losses, 'test': test,
    }


PENGUINS = {'file': 'penguins.csv', 'task': 'classification', 'target': 'species', 'outputs': 3,
            'features': ['island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm',
                         'body_mass_g', 'sex'],
            'hidden': 16, 'lr': 0.01, 'batchSize': 16, 'epochs': 15, 'seed': 3,
            'validationSplit': 0.2, 'testSplit': 0.2}
BIKES = {'file': 'bike-days.csv', 'task': 'regression', 'target': 'rentals', 'outputs': 1,
         'features': ['date', 'season', 'weather', 'temp_c', 'humidity_pct', 'windspeed_kmh'],
         'hidden': 32, 'lr': 0.05, 'batchSize': 32, 'epochs': 40, 'seed': 5,
         'validationSplit': 0.15, 'testSplit': 0.15}

os.makedirs(FIXTURES, exist_ok=True)
write_penguins(os.path.join(FIXTURES, 'penguins.csv'))
write_bikes(os.path.join(FIXTURES, 'bike-days.csv'))
cases = [recipe({**case, 'missing': policy}) for case in (PENGUINS, BIKES) for policy in ('drop', 'mean')]
for c in cases:
    print(c['file'], c['missing'], c['counts'], c['test'])
write_fixture('src/engine/data/fixtures/messy-tables.json', {'_script': __file__, 'cases': cases})
